/** A flag as stored in KV under `flag:<key>`. */
export type Flag = {
  key: string;
  enabled: boolean;
  /** 0–100: share of users that get the flag when enabled. */
  rolloutPercent: number;
  /** User ids that always get the flag while it is enabled. */
  allowList?: string[];
};

/** FNV-1a 32-bit hash, stable across runtimes, used to bucket users. */
export function bucket(flagKey: string, userId: string): number {
  let hash = 0x811c9dc5;
  for (const ch of `${flagKey}:${userId}`) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

export function isOn(flag: Flag, userId: string): boolean {
  if (!flag.enabled) return false;
  if (flag.allowList?.includes(userId)) return true;
  return bucket(flag.key, userId) < flag.rolloutPercent;
}
