/**
 * The error every kata stub throws until the learner replaces its body.
 *
 * It names the kata so that a failure deep inside a later kata ("the scheduler needs the
 * selector matcher") still tells the learner which earlier kata to finish first.
 */

/** The `name` of the error thrown by {@link notImplemented}; the kata runner looks for it. */
export const KATA_NOT_IMPLEMENTED = 'KataNotImplemented';

/** Throws an error saying that kata `id` is still a stub and where to start. */
export function notImplemented(id: string): never {
  const error = new Error(
    `kata ${id} is not implemented yet. ` +
      `Start at the TODO(kata) in its file under katas/ (\`npm run hint ${id}\` gives a nudge). ` +
      `If you are working on a later kata, finish kata ${id} first.`,
  );
  error.name = KATA_NOT_IMPLEMENTED;
  throw error;
}
