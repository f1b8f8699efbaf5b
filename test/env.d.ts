// Types the Workers test runtime sees: our Env plus the migrations the setup file applies.
type SandlotEnv = import("../platform/env").Env;
type SandlotMain = typeof import("../platform/index");
type SandlotD1Migration = import("cloudflare:test").D1Migration;

declare namespace Cloudflare {
  interface Env extends SandlotEnv {
    TEST_MIGRATIONS: SandlotD1Migration[];
  }
  interface GlobalProps {
    mainModule: SandlotMain;
  }
}
