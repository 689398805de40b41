/**
 * The API's types, imported as types only: a client bundle never contains server code.
 * They come from the root router, the one source of the API's shape.
 */
export type { AppRouter, RouterInputs, RouterOutputs, Session, User } from '@budget/api';
