// Bundles the declarations into one dist/index.d.ts. Only the tRPC packages stay imports: the
// API's types are printed inline (src/api-types.ts), so consumers never compile server sources.
import { dts } from 'rollup-plugin-dts';

export default {
  input: 'src/index.ts',
  output: { file: 'dist/index.d.ts', format: 'es' },
  external: [/^@trpc\//],
  plugins: [dts({ tsconfig: 'tsconfig.build.json' })],
};
