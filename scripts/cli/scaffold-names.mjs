// Names for the files `sandlot template new` writes: one spelling rule for every generator.

export const pascal = (s) =>
  s
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
export const words = (s) =>
  s
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_]/g, " ")
    .toLowerCase();
export const capital = (s) => s[0].toUpperCase() + s.slice(1);

/** A plan's price as blanks and READMEs show it: `$4/month`, `$4.50/month`. */
export const money = (plan) => `$${(plan.amount / 100).toFixed(plan.amount % 100 === 0 ? 0 : 2)}/month`;
