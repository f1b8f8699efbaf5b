// wrangler (and the workers vitest plugin) compile *.wasm imports to a WebAssembly.Module.
declare module "esbuild-wasm/esbuild.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
