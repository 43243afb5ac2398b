/**
 * Rule files imported as text through the `@kata/...` alias, so a rules kata's test reruns
 * when the learner saves the YAML (vitest follows the import; Vite's `?raw` loads the text).
 */
declare module '*.rules.yaml?raw' {
  const text: string;
  export default text;
}
