/**
 * Certificate (blank): shown when every lesson is done. Props: studentName, courseName,
 * completedOn (formatted date), lessonCount. It says the lessons were completed, nothing more.
 */
export default function Certificate(props: {
  studentName: string;
  courseName: string;
  completedOn: string;
  lessonCount: number;
}) {
  return (
    <div className="certificate-text">
      <p className="kicker">Certificate of completion</p>
      <p className="certificate-name">{props.studentName}</p>
      <p>
        completed all {props.lessonCount} lessons of <strong>{props.courseName}</strong>
      </p>
      <p className="muted">on {props.completedOn}</p>
    </div>
  );
}
