import type { ReactNode, ReactElement } from "react";
import { useUser } from "@sandlot/sdk";
import { AccountPage, AuthScreen, Link, match, NotFound, Shell, useRoute } from "@sandlot/kit";
import { CertificatePage } from "./pages/CertificatePage";
import { LessonPage } from "./pages/LessonPage";
import { ManageLessonsPage } from "./pages/ManageLessonsPage";
import { SyllabusPage } from "./pages/SyllabusPage";
import Brand from "./blanks/Brand";
import Footer from "./blanks/Footer";
import Pricing from "./blanks/Pricing";
import "./styles/course.css";

function pageFor(path: string): ReactNode {
  const lesson = match("/lesson/:id", path);
  if (lesson) return <LessonPage key={lesson.id} lessonId={lesson.id} />;
  if (path === "/") return <SyllabusPage />;
  if (path === "/certificate") return <CertificatePage />;
  if (path === "/signin") return <AuthScreen mode="signin" next="/" />;
  if (path === "/signup")
    return <AuthScreen mode="signup" next="/" intro="An account saves your progress through the course." />;
  if (path === "/account")
    return (
      <AccountPage
        plan="student"
        heading="Plan"
        subscribedBadge="Student"
        freeBadge="Free"
        subscribedText="You are a student: every lesson is open to you."
        pricing={Pricing}
      />
    );
  if (path === "/manage") return <ManageLessonsPage />;
  return <NotFound homeLabel="See the syllabus" />;
}

/** Locked shell: header, routes, footer. */
export function App(): ReactElement {
  const path = useRoute();
  const { user } = useUser();
  const cur = (p: string) => (path === p ? ("page" as const) : undefined);
  const nav = (
    <>
      <Link to="/" aria-current={cur("/")}>
        Lessons
      </Link>
      {user ? (
        <>
          <Link to="/certificate" aria-current={cur("/certificate")}>
            Certificate
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
    <Shell brand={<Brand />} nav={nav} footer={<Footer />} creatorPage={{ to: "/manage", label: "Manage lessons" }}>
      {pageFor(path)}
    </Shell>
  );
}
