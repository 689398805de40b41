/**
 * The API's types, imported as types only: a client bundle never contains server code.
 * They come from the root router, the one source of the API's shape.
 */
import type {
  AnyTRPCMutationProcedure,
  AnyTRPCProcedure,
  AnyTRPCQueryProcedure,
  inferRouterInputs,
  inferRouterOutputs,
  TRPCBuiltRouter,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
  TRPCSubscriptionProcedure,
} from '@trpc/server';
import type {
  Account as ServerAccount,
  Budget as ServerBudget,
  BudgetProgress as ServerBudgetProgress,
  Category as ServerCategory,
  CurrencySummary as ServerCurrencySummary,
  CurrencyTrend as ServerCurrencyTrend,
  AppRouter as ServerAppRouter,
  Session as ServerSession,
  Transaction as ServerTransaction,
  User as ServerUser,
} from '@budget/api';

/**
 * The server's router as a client sees it: the same procedures, inputs, outputs, errors and
 * meta, but no server context, and every named server type spelt out. Its helper types live in
 * this function so declaration emit cannot name them: it prints the whole router structurally,
 * and the bundled declarations (`pnpm build`) never reference the server's sources.
 * The index re-exports this module's types only, so nothing loads it (or calls this) at run time.
 */
function clientView() {
  type ServerRoot = ServerAppRouter['_def']['_config']['$types'];
  type Plain<T> = T extends (...args: never[]) => unknown
    ? T
    : T extends object
      ? { [Key in keyof T]: Plain<T[Key]> }
      : T;
  // A type, not an interface: declaration emit can spell out a local type, not a local interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  type ClientDef<TTypes extends AnyTRPCProcedure['_def']['$types']> = {
    input: Plain<TTypes['input']>;
    output: Plain<TTypes['output']>;
    meta: ServerRoot['meta'];
    errorShape: Plain<ServerRoot['errorShape']>;
  };
  type ClientProcedure<TProcedure extends AnyTRPCProcedure> =
    TProcedure extends AnyTRPCQueryProcedure
      ? TRPCQueryProcedure<ClientDef<TProcedure['_def']['$types']>>
      : TProcedure extends AnyTRPCMutationProcedure
        ? TRPCMutationProcedure<ClientDef<TProcedure['_def']['$types']>>
        : TRPCSubscriptionProcedure<ClientDef<TProcedure['_def']['$types']>>;
  type ClientRecord<TRecord> = {
    [Key in keyof TRecord]: TRecord[Key] extends AnyTRPCProcedure
      ? ClientProcedure<TRecord[Key]>
      : ClientRecord<TRecord[Key]>;
  };
  type ClientRouter = TRPCBuiltRouter<
    {
      ctx: object;
      meta: ServerRoot['meta'];
      errorShape: Plain<ServerRoot['errorShape']>;
      transformer: ServerRoot['transformer'];
    },
    ClientRecord<ServerAppRouter['_def']['record']>
  >;
  return undefined as unknown as {
    router: ClientRouter;
    domain: Plain<{
      session: ServerSession;
      user: ServerUser;
      account: ServerAccount;
      category: ServerCategory;
      transaction: ServerTransaction;
      budget: ServerBudget;
      budgetProgress: ServerBudgetProgress;
      currencySummary: ServerCurrencySummary;
      currencyTrend: ServerCurrencyTrend;
    }>;
  };
}
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- it exists for its type only
const view = clientView();

export type AppRouter = typeof view.router;
export type Session = typeof view.domain.session;
export type User = typeof view.domain.user;
export type Account = typeof view.domain.account;
export type Category = typeof view.domain.category;
export type Transaction = typeof view.domain.transaction;
export type TransactionKind = Transaction['kind'];
export type Budget = typeof view.domain.budget;
export type BudgetProgress = typeof view.domain.budgetProgress;
export type CurrencySummary = typeof view.domain.currencySummary;
export type CurrencyTrend = typeof view.domain.currencyTrend;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type TransactionSort = NonNullable<RouterInputs['transactions']['list']['sort']>;
