/**
 * Post card (blank): one post in the list on the home page. Receives the public preview
 * (title, excerpt, publishedAt, createdAt) and the link to the post.
 */
export default function PostCard(props: {
  preview: { title: string; excerpt: string; publishedAt?: string; createdAt: number };
  href: string;
}) {
  const { preview } = props;
  const date = new Date(preview.publishedAt ?? preview.createdAt).toLocaleDateString(undefined, {
    month: "short",
    day: "numeric",
    year: "numeric",
  });
  return (
    <a className="card post-card" href={props.href}>
      <p className="muted small">{date}</p>
      <h3>{preview.title}</h3>
      <p>{preview.excerpt}</p>
    </a>
  );
}
