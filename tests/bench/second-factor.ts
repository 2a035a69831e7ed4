// Staff accounts need two-step sign-in set up before any page serves them: the benchmarks' staff get it
// through the same commands as the set-up page, so that the measured requests are the pages, not redirects.
export async function setUpSecondFactorFor(userId: string): Promise<void> {
  const { getDb } = await import("../../db/index");
  const { loadViewer } = await import("../../app/domain/accounts/queries.server");
  const { beginEnrolment, confirmEnrolment } = await import("../../app/domain/accounts/two-factor.server");
  const { codeForStep, stepAt } = await import("../../app/auth/totp.server");
  const viewer = (await loadViewer(getDb(), userId))!;
  const secret = await beginEnrolment(getDb(), viewer);
  await confirmEnrolment(getDb(), viewer, codeForStep(secret, stepAt(Date.now())), "no session");
}
