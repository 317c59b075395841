export { caseFiles, compareExpectations, runCaseFile, type CaseFailure, type CaseRun } from './case-file';
