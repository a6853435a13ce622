/**
 * Where an object of the app was read from (an `Include`d manifest): synth reports its findings at the file and
 * line of the offending field, beside the construct path.
 */
import { IConstruct } from 'constructs';

export interface SourceLocation {
  /** The file as the user named it (or "(inline YAML)"). */
  readonly file: string;
  /** 1-based line where the object starts. */
  readonly line: number;
  /** 1-based line of the field at `jsonPointer` (RFC 6901) in the file; undefined when the file has no such field. */
  lineOf(jsonPointer: string): number | undefined;
}

export interface ISourceLocated extends IConstruct {
  readonly sourceLocation?: SourceLocation;
}

export function sourceLocationOf(c: IConstruct): SourceLocation | undefined {
  return (c as Partial<ISourceLocated>).sourceLocation;
}
