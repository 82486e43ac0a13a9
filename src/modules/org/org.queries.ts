// Reads other modules need from org (orgs, people, users), so that no module reads org's tables itself.
// Each function is scoped by the caller or says plainly that it is not (for seeds and background jobs).
export {};
