// The project page's action answer when it did not redirect: the refusal, messages by field, what was typed.
export type ProjectReply = { formError?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };
