// The fixed prompts `npm run eval:ai` sends, per template, each with the blank open in the editor.
export const PROMPTS = {
  booking: [
    {
      blank: "src/blanks/Intro.tsx",
      message: 'Make the intro about dog walking: headline "Dog walks in the park", 30 minutes, up to three dogs.',
    },
    { blank: "src/blanks/theme.css", message: "Use warm orange and cream colours with rounder corners." },
    { blank: "src/blanks/Footer.tsx", message: "Put a phone number and a 24-hour cancellation policy in the footer." },
  ],
  "paid-newsletter": [
    {
      blank: "src/blanks/Hero.tsx",
      message: 'Make the hero about a weekly newsletter on urban gardening, headline "Grow food on your balcony".',
    },
    { blank: "src/blanks/theme.css", message: "Use a serif font and a dark green accent colour." },
    { blank: "src/blanks/MemberPitch.tsx", message: "List three benefits of becoming a paying member." },
  ],
  "saas-starter": [
    {
      blank: "src/blanks/Landing.tsx",
      message:
        'Make the landing page about a habit tracker for runners, headline "Run every day", with three feature blocks.',
    },
    { blank: "src/blanks/theme.css", message: "Use a deep blue theme with white cards." },
    { blank: "src/blanks/Pricing.tsx", message: "Make the pricing card say what Pro adds in three bullet points." },
  ],
};
