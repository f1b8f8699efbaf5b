import type { ReactNode } from "react";
import { Logo } from "./TopNav";

/** The signed-out pages' frame: the pitch beside the one form the page is for. */
export function AuthFrame({ children }: { children: ReactNode }) {
  return (
    <div className="auth">
      <div className="auth-side" aria-hidden="true">
        <div className="auth-side-inner">
          <Logo />
          <p className="auth-pitch">Fill in the blanks. Ship a real, paid web app.</p>
          <ul className="auth-points">
            <li>Sign-in, payments and storage are built in and locked.</li>
            <li>You edit only the parts that make your app yours.</li>
            <li>See every change live before you publish.</li>
          </ul>
        </div>
      </div>
      <main className="auth-main" id="main">
        {children}
      </main>
    </div>
  );
}
