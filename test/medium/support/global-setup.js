// Once per run, before the workers start (they inherit the variable): the run's name,
// the prefix of every database or folder the run makes (support/template.ts).
export default function globalSetup() {
  process.env.SCIC_MEDIUM_RUN = `scic_medium_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
