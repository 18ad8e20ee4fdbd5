/**
 * What a group's JVMs trade: peak speed, or the CPU they spend starting and idling. A broker
 * that has just started keeps C2 compiler threads busy for minutes (measured: half of an idle
 * broker's CPU five minutes after its start), which a laptop or a CI machine running the whole
 * platform feels, and which a short-lived platform never earns back.
 */
export const JVM_PROFILES = ["throughput", "quick-start"] as const;

/** The platform's jvmProfile setting. */
export type JvmProfile = (typeof JVM_PROFILES)[number];

/**
 * The flags a profile adds to a member's JVM. "throughput": none (the JVM's tiered JIT up to
 * C2, and the collector each program's scripts choose). "quick-start": the JIT stops at C1
 * (-XX:TieredStopAtLevel=1: compiled early and cheaply, no C2 threads), and the serial
 * collector (no concurrent GC threads on heaps of a few hundred MiB). None for "throughput" or no
 * profile given (a renderer's input without one), so that it renders exactly what a platform
 * made before the setting has.
 */
export function jvmProfileFlags(profile: JvmProfile | undefined): string[] {
    return profile === "quick-start" ? ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"] : [];
}

/** The profiles, quoted, for the message that refuses another value. */
export const JVM_PROFILE_CHOICES = JVM_PROFILES.map((profile) => `"${profile}"`).join(" or ");
