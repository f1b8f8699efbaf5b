/**
 * Your place in line (blank). Props: position (1 is first), total, referrals, boost (places one
 * referral moves you up), shareLink. Keep the link visible so it can be selected and copied.
 */
export default function SpotCard(props: {
  position: number;
  total: number;
  referrals: number;
  boost: number;
  shareLink: string;
}) {
  return (
    <div className="card spot">
      <p className="muted">You're on the list</p>
      <p className="spot-number">
        <span className="visually-hidden">Your place: number </span>#{props.position.toLocaleString()}
        <small> of {props.total.toLocaleString()}</small>
      </p>
      <p>
        {props.referrals === 0
          ? `Each friend who joins with your link moves you up ${props.boost} places.`
          : `${props.referrals} ${props.referrals === 1 ? "friend has" : "friends have"} joined with your link: that moved you up ${props.referrals * props.boost} places.`}
      </p>
      <label className="field">
        <span>Your invite link</span>
        <input type="text" readOnly value={props.shareLink} onFocus={(e) => e.currentTarget.select()} />
      </label>
    </div>
  );
}
