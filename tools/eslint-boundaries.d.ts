/** Where a file lives, for the boundary rule. */
export interface Place {
  zone: 'platform' | 'module' | 'app' | 'schema' | 'web' | 'test' | 'other';
  module?: string;
  inner?: string;
  rel: string;
}
export function placeOf(absolute: string): Place;
export function violation(from: Place, to: Place, typeOnly?: boolean): 'platform' | 'frontDoor' | 'web' | 'values' | null;
declare const plugin: { rules: Record<string, unknown> };
export default plugin;
