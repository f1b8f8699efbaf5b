import { useState, type ReactElement } from "react";
import { useApp, useUser } from "@sandlot/sdk";
import { AuthScreen, Link, Loading } from "@sandlot/kit";
import { useCourse } from "../lib/useCourse";
import Certificate from "../blanks/Certificate";

/**
 * The certificate page (locked). Completion is computed here from the student's own progress:
 * it shows that this account ticked off every lesson, not that anyone checked their work (see
 * the README). The name printed is typed here and stored nowhere.
 */
export function CertificatePage(): ReactElement {
  const { user, loading } = useUser();
  const { name: courseName } = useApp();
  const course = useCourse();
  const [studentName, setStudentName] = useState("");
  if (loading || course.loading)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container narrow">
        <AuthScreen mode="signin" next="/certificate" intro="Sign in to see your certificate." />
      </div>
    );
  const { done, total, complete, completedAt } = course.completion;
  if (!complete)
    return (
      <div className="container narrow stack">
        <h1>Your certificate</h1>
        <p>
          Finish every lesson to get your certificate: you have done {done} of {total}.
        </p>
        <p>
          <Link to="/" className="button primary">
            Back to the syllabus
          </Link>
        </p>
      </div>
    );
  const completedOn = new Date(completedAt ?? Date.now()).toLocaleDateString(undefined, { dateStyle: "long" });
  return (
    <div className="container narrow stack">
      <h1>Your certificate</h1>
      <label className="field">
        <span>Name on the certificate</span>
        <input type="text" maxLength={80} value={studentName} onChange={(e) => setStudentName(e.target.value)} />
      </label>
      <section className="card certificate" aria-label="Certificate of completion">
        <Certificate
          studentName={studentName.trim() || user.email}
          courseName={courseName || "this course"}
          completedOn={completedOn}
          lessonCount={total}
        />
      </section>
      <p className="muted small">Print this page or save it as a PDF from your browser.</p>
    </div>
  );
}
