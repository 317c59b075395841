// The only globals shared/ may use beyond the language: both the window and Node provide them
// (WHATWG URL, structuredClone). tsconfig.shared.json gives shared/ neither DOM nor Node types, so
// they are declared here, as little of them as shared/ uses. Not part of the other projects (their
// libraries declare the full versions).
declare class URL {
  constructor(url: string, base?: string);
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly protocol: string;
  readonly href: string;
}
declare function structuredClone<T>(value: T): T;
