import { categoryKinds } from '@budget/api/schemas';
import { CategoryRow } from '../features/categories/category-row.tsx';
import { kindLabels, NewCategoryForm } from '../features/categories/new-category-form.tsx';
import { useCategories } from '../features/categories/use-categories.ts';
import { Empty, QueryState } from '../features/ui/page-state.tsx';

export function CategoriesPage() {
  const { query } = useCategories();
  return (
    <>
      <h1>Categories</h1>
      <section aria-labelledby="new-category">
        <h2 id="new-category">Add a category</h2>
        <NewCategoryForm />
      </section>
      <QueryState query={query} label="Loading categories…">
        {(categories) => (
          <div className="columns">
            {categoryKinds.map((kind) => {
              const ofKind = categories.filter((category) => category.kind === kind);
              return (
                <section key={kind} aria-labelledby={`kind-${kind}`}>
                  <h2 id={`kind-${kind}`}>{kindLabels[kind]}</h2>
                  {ofKind.length === 0 ? (
                    <Empty>No {kind} categories yet.</Empty>
                  ) : (
                    <ul className="list">
                      {ofKind.map((category) => (
                        <CategoryRow
                          key={category.id}
                          category={category}
                          categories={categories}
                        />
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
        )}
      </QueryState>
    </>
  );
}
