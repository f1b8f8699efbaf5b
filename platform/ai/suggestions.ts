/** First prompts the studio offers per template, so an empty chat is never a blank page. */
export const SUGGESTIONS: Readonly<Record<string, readonly string[]>> = {
  booking: [
    "Make the intro about dog walking: 30-minute walks in the park, up to three dogs",
    "Use warm orange and cream colours with rounder corners",
    "Show each time slot with the weekday in big letters",
  ],
  "downloads-shop": [
    "Make the shop intro about printable meal planners and grocery lists",
    "Use a soft lavender accent with a serif heading font",
    "Show the file format as a small coloured tag on each product card",
  ],
  "online-course": [
    "Make the course intro about a four-week beginner's watercolour course",
    "Use a warm terracotta accent colour and a serif heading font",
    "Make the certificate look like a framed diploma with the teacher's signature line",
  ],
  events: [
    "Make the intro about monthly jazz nights in a small bar, doors at 8pm",
    "Use deep blue and gold colours with sharper corners",
    "Show each event card with the weekday in big letters and the price",
  ],
  "community-qa": [
    "Make the welcome text about a community for new parents asking about sleep and feeding",
    "Use a friendly teal theme with rounder corners",
    "Change the starter questions to three examples about learning to code",
  ],
  directory: [
    "Make the intro about a directory of dog-friendly cafés and parks in Leeds",
    "Use a fresh green theme and show each listing card with its area in bold",
    "Make the featured pitch say featured listings get three times more visits",
  ],
  "habit-tracker": [
    "Make the welcome page about building a daily reading habit",
    "Use calm green colours and rounder cards",
    "Show the current streak on each habit card in big numbers with a flame",
  ],
  "paid-newsletter": [
    "Make the hero about a weekly newsletter on urban gardening",
    "Use a serif font and a dark green accent colour",
    "Make the member pitch list three benefits of paying",
  ],
  "saas-starter": [
    "Make the landing page about a habit tracker for runners, with three feature blocks",
    "Use a deep blue theme with white cards",
    "Make the pricing card say what Pro adds in three bullet points",
  ],
  waitlist: [
    "Make the launch pitch about a meal-planning app launching in June",
    "Use a bright coral accent colour on a cream background",
    "Make the place-in-line card celebrate the number with a big badge",
  ],
};

export const GENERIC_SUGGESTIONS: readonly string[] = [
  "Change the headline to say what my app does",
  "Use a calmer colour scheme",
];
