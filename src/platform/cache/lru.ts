// A bounded map that forgets the least recently used entry first. Map keeps insertion order,
// so a hit moves its entry to the end and the first entry is the oldest.
export function createLru<V>(maxEntries: number) {
  const entries = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key: string, value: V): void {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    // the cached value, or make(), remembered
    getOrMake(key: string, make: () => V): V {
      let value = this.get(key);
      if (value === undefined) {
        value = make();
        this.set(key, value);
      }
      return value;
    },
    get size(): number {
      return entries.size;
    },
  };
}

export type Lru<V> = ReturnType<typeof createLru<V>>;
