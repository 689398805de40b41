import { describe, expectTypeOf, it } from 'vitest';
import { inputErrorsOf, type InputErrors } from './input-errors.ts';
import type { BudgetClientError, RouterInputs } from './index.ts';

type CreateTransactionErrors = InputErrors<RouterInputs['transactions']['create']>;

describe('validation errors are typed per procedure input', () => {
  it('the server sends flattened zod errors, any field name', () => {
    type ZodErrorData = NonNullable<BudgetClientError['data']>['zodError'];
    expectTypeOf<ZodErrorData>().toEqualTypeOf<{
      formErrors: string[];
      fieldErrors: Record<string, string[] | undefined>;
    } | null>();
  });

  it('InputErrors keys the field errors by the fields of the input', () => {
    expectTypeOf<CreateTransactionErrors['formErrors']>().toEqualTypeOf<string[]>();
    expectTypeOf<CreateTransactionErrors['fieldErrors']>().toEqualTypeOf<{
      accountId?: string[];
      categoryId?: string[];
      amount?: string[];
      occurredOn?: string[];
      payee?: string[];
      note?: string[];
      idempotencyKey?: string[];
    }>();
    expectTypeOf<InputErrors<RouterInputs['auth']['login']>['fieldErrors']>().toEqualTypeOf<{
      email?: string[];
      password?: string[];
    }>();
  });

  it('inputErrorsOf reads them from any caught error, without a cast', () => {
    const errors = inputErrorsOf<RouterInputs['transactions']['create']>(new Error('x'));
    expectTypeOf(errors).toEqualTypeOf<CreateTransactionErrors | null>();
    expectTypeOf(errors?.fieldErrors.amount).toEqualTypeOf<string[] | undefined>();
    // @ts-expect-error -- not a field of transactions.create
    expectTypeOf(errors?.fieldErrors.amont).toBeUnknown();
    // @ts-expect-error -- a field of another procedure's input
    expectTypeOf(errors?.fieldErrors.password).toBeUnknown();
  });
});
