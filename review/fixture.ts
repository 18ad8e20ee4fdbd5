import { PreviewJson } from "./preview-json";

/** One real change as scripts/capture-review-fixtures.ts recorded it: configs before and after, and the engine's preview. */
export interface ReviewFixture {
    name: string;
    description: string;
    /** The leader of each group when the preview ran (ZooKeeper leader, Kafka controller, ALIVE master). */
    leaders: Record<string, string>;
    baseConfig: Record<string, string>;
    headConfig: Record<string, string>;
    preview: PreviewJson;
}
