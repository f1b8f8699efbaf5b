import type { ReactElement, ReactNode } from "react";
import { useUser } from "@sandlot/sdk";
import { AuthScreen, Link, match, NotFound, Shell, useRoute } from "@sandlot/kit";
import { AccountBox } from "./pages/AccountBox";
import { AskPage } from "./pages/AskPage";
import { ModeratePage } from "./pages/ModeratePage";
import { QuestionPage } from "./pages/QuestionPage";
import { QuestionsPage } from "./pages/QuestionsPage";
import Brand from "./blanks/Brand";
import Footer from "./blanks/Footer";
import "./styles/qa.css";

function pageFor(path: string): ReactNode {
  if (path === "/") return <QuestionsPage />;
  const question = match("/q/:id", path);
  if (question) return <QuestionPage key={question.id} id={question.id} />;
  if (path === "/ask") return <AskPage />;
  if (path === "/signin") return <AuthScreen mode="signin" next="/" />;
  if (path === "/signup")
    return <AuthScreen mode="signup" next="/" intro="An account lets you ask, answer and vote." />;
  if (path === "/account") return <AccountBox />;
  if (path === "/moderate") return <ModeratePage />;
  return <NotFound homeLabel="See all questions" />;
}

/** Locked shell: header, routes, footer. */
export function App(): ReactElement {
  const path = useRoute();
  const { user } = useUser();
  const cur = (p: string) => (path === p ? ("page" as const) : undefined);
  const nav = (
    <>
      <Link to="/" aria-current={cur("/")}>
        Questions
      </Link>
      {user ? (
        <>
          <Link to="/ask" aria-current={cur("/ask")}>
            Ask
          </Link>
          <Link to="/account" aria-current={cur("/account")}>
            Account
          </Link>
        </>
      ) : (
        <>
          <Link to="/signin">Sign in</Link>
          <Link to="/signup" className="button primary small">
            Sign up
          </Link>
        </>
      )}
    </>
  );
  return (
    <Shell brand={<Brand />} nav={nav} footer={<Footer />} creatorPage={{ to: "/moderate", label: "Moderate" }}>
      {pageFor(path)}
    </Shell>
  );
}
