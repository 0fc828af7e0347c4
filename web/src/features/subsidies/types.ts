/** Types of the subsidies feature, from the server's zod schemas (never retyped by hand). */
export type {
  ApplicationDetail,
  ApplicationSummary,
  Computation,
  CreateApplicationBody,
  CreateProgrammeBody,
  DisbursementOut,
  NewVersionBody,
  ProgrammeDetail,
  ProgrammeOut,
  SimulateBody,
} from '../../../../src/modules/subsidies/subsidies.schemas.js';
