/**
 * Lets an answer's body go unread, without waiting: where `fetch` keeps a copy of each answer
 * (Next.js tees them for its cache), canceling one branch of a tee settles only once the other is
 * canceled too, which may be never.
 */
export const discardBody = (res: Response | undefined): void => void res?.body?.cancel().catch(() => {});
