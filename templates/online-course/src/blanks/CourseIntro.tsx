/** Course intro (blank): the text above the syllabus. Prop lessonCount: lessons in the syllabus. */
export default function CourseIntro(props: { lessonCount: number }) {
  return (
    <header className="intro">
      <p className="kicker">Online course</p>
      <h1>Learn to sketch in a weekend</h1>
      <p>
        {props.lessonCount} short lessons, from holding the pencil to a finished drawing. Start with the free previews;
        students get every lesson and a certificate page when they finish.
      </p>
    </header>
  );
}
