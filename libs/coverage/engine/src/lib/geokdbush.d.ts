declare module 'geokdbush' {
  import type KDBush from 'kdbush';
  /** Ids of the points nearest to (lng, lat), closest first; maxDistance in kilometres. */
  export function around(
    index: KDBush,
    lng: number,
    lat: number,
    maxResults?: number,
    maxDistance?: number,
    predicate?: (id: number) => boolean,
  ): number[];
  export function distance(lng: number, lat: number, lng2: number, lat2: number): number;
}
