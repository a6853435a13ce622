/** The CLI's exit codes (users and CI scripts rely on them). In a module of their own, so no command loads another. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
