/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inferstream.console.CommittedRecords;
import dev.inferstream.console.ConsoleFixture;
import dev.inferstream.console.ConsoleModels;
import dev.inferstream.console.Resources;
import dev.inferstream.console.RunningScorer;
import dev.inferstream.console.WebClient;
import dev.inferstream.console.state.ConsoleState.StoredDeadLetter;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring against a running streaming scorer on the shared broker and registry, over real HTTP: dead letters
 * filtered, exported and replayed once the cause is fixed (a version that defaults the missing field deployed); a drift alert on the drift page and the underperforming
 * list; a load test through the input topic timed to the committed predictions; the lag badge from the scorer's
 * consumer group. Steps in order, one scorer.
 */
@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleMonitoringIT {
    static final Schema CARD = SchemaBuilder.record("Card")
            .namespace("test.console.monitoring")
            .fields()
            .requiredString("country")
            .name("limits")
            .type()
            .map()
            .values()
            .doubleType()
            .noDefault()
            .endRecord();
    static final Schema ITEM = SchemaBuilder.record("Item")
            .namespace("test.console.monitoring")
            .fields()
            .requiredString("sku")
            .requiredDouble("price")
            .endRecord();

    /**
     * The input records: f3 may be null, which v1 cannot score (it has no default for f3) and v2 can; card and items
     * are nested parts the model does not read.
     */
    static final Schema EVENT = SchemaBuilder.record("Transaction")
            .namespace("test.console.monitoring")
            .fields()
            .requiredString("id")
            .requiredDouble("f0")
            .requiredDouble("f1")
            .requiredDouble("f2")
            .optionalDouble("f3")
            .name("card")
            .type()
            .optional()
            .type(CARD)
            .name("items")
            .type()
            .array()
            .items(ITEM)
            .arrayDefault(List.of())
            .endRecord();

    @TempDir
    static Path dir;

    static TestStack stack;
    static RunningScorer running;
    static ConsoleFixture console;
    static KafkaProducer<byte[], byte[]> producer;
    static AvroSerializer<GenericRecord> events;

    @BeforeAll
    static void start(TestStack testStack) throws Exception {
        stack = testStack;
        running = RunningScorer.start(stack, dir, "fraud", 1, Map.of("scorer.drift.window.records", "100"));
        console = ConsoleFixture.start(stack, dir, running.consoleKeys);
        producer =
                new KafkaProducer<>(stack.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        events = new AvroSerializer<>(registry(), true, false);
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(producer, console, running);
    }

    @Test
    @Order(1)
    void recordsTheServingVersionCannotMapAreDeadLetteredAndCanBeFilteredAndExported() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("early-" + i, 0.0, null, System.currentTimeMillis());
        }
        producer.flush();
        WebClient vera = console.signedIn("vera");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(vera.get("/monitoring/dead-letters?model=fraud&stage=feature_mapping")
                                .body())
                        .contains("3 matching"));
        String page =
                vera.get("/monitoring/dead-letters?stage=FEATURE_MAPPING&q=f3").body();
        assertThat(page).contains("3 matching", "early-0", "early-2", running.input + "-");
        assertThat(vera.get("/monitoring/dead-letters?stage=DECODE").body()).contains("0 matching");
        assertThat(vera.get("/monitoring/dead-letters?q=no+such+text").body()).contains("0 matching");
        assertThat(page).as("a viewer gets no replay button").doesNotContain("id=\"replay-");

        HttpResponse<String> export = vera.get("/monitoring/dead-letters/export?stage=FEATURE_MAPPING&q=f3");
        assertThat(export.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<CSVRecord> rows = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(export.body()))
                .getRecords();
        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("stage")).isEqualTo("FEATURE_MAPPING");
            assertThat(r.get("reason")).isNotBlank();
            assertThat(r.get("sourceTopic")).isEqualTo(running.input);
            assertThat(r.get("original")).contains("\"id\": \"early-");
        });

        StoredDeadLetter letter = letter("early-1");
        assertThat(vera.postForm("/monitoring/dead-letters/replay", replayForm(letter))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    @Order(2)
    void aDeadLetterReplayedAfterAVersionThatDefaultsTheFieldIsDeployedIsScored() throws Exception {
        console.repository()
                .publish(
                        new ModelRef("fraud", 2),
                        ConsoleModels.manifest("fraud", 2)
                                .replace("fields: [f0, f1, f2, f3]", "fields: [f0, f1, f2, {name: f3, default: 0}]")
                                .getBytes(StandardCharsets.UTF_8),
                        ConsoleModels.onnx(2));
        WebClient otto = console.signedIn("otto");
        console.publish(otto, "fraud", Map.of("pattern", "deploy", "version", "2", "reason", "f3 defaults to 0"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> console.services().state().statuses("fraud").stream()
                        .anyMatch(s -> s.getDeploymentRevision() == 1));

        StoredDeadLetter letter = letter("early-1");
        String page = otto.get("/monitoring/dead-letters").body();
        String row = letter.topic() + "-" + letter.partition() + "-" + letter.offset();
        assertThat(page).contains("id=\"replay-" + row + "\"");
        HttpResponse<String> replayed = otto.postForm("/monitoring/dead-letters/replay", replayForm(letter));
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(302);
        String location = replayed.headers().firstValue("Location").orElseThrow();
        Matcher to = Pattern.compile("replayed=" + Pattern.quote(running.input) + "-(\\d+)@(\\d+)")
                .matcher(location);
        assertThat(to.find()).as(location).isTrue();
        int partition = Integer.parseInt(to.group(1));
        long offset = Long.parseLong(to.group(2));
        assertThat(otto.get(location).body()).contains("id=\"replay-notice\"", "Replayed to " + running.input);

        Prediction scored = prediction(partition, offset);
        assertThat(scored.getKey()).isEqualTo("early-1");
        assertThat(scored.getVersion()).isEqualTo(2);
        assertThat(scored.getScore()).isNotNull();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(otto.get("/governance/audit?kind=replay-dead-letter")
                                .body())
                        .contains(letter.topic() + "-" + letter.partition() + "@" + letter.offset() + " → "
                                + running.input + "-" + partition + "@" + offset));
    }

    @Test
    @Order(3)
    void aDriftedFeatureRaisesAnAlertShownOnTheDriftPageAndInTheUnderperformingList() {
        Random random = new Random(11);
        for (int i = 0; i < 250; i++) {
            send("drift-" + i, 6 + random.nextGaussian(), 0.3, System.currentTimeMillis());
        }
        producer.flush();
        WebClient vera = console.signedIn("vera");
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(
                        () -> assertThat(vera.get("/monitoring/drift").body()).contains("drifted, PSI"));
        String drift = vera.get("/monitoring/drift").body();
        String section = drift.substring(drift.indexOf("id=\"drift-fraud\""));
        assertThat(section.substring(0, section.indexOf("</section>")))
                .contains("f0")
                .contains("threshold")
                .doesNotContain("No open drift alert.");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(vera.get("/governance/underperforming").body())
                                .contains("id=\"flagged-fraud\"", "drift: PSI"));
        assertThat(vera.get("/governance/underperforming?psi=1000&errors=1&dlq=100000&p99=100000")
                        .body())
                .contains("id=\"none-flagged\"")
                .doesNotContain("id=\"flagged-fraud\"");
        assertThat(badge(vera, "psi-fraud")).as("the home page's drift badge").matches("\\d+\\.\\d{3}");
    }

    @Test
    @Order(4)
    void aLoadTestThroughTheInputTopicIsTimedToTheCommittedPredictionsAndKeptWithTheModel() {
        WebClient otto = console.signedIn("otto");
        assertThat(otto.get("/test/load?model=fraud").body())
                .contains("<option value=\"topic\">input topic " + running.input);
        HttpResponse<String> pinned = otto.postForm(
                "/test/load",
                Map.of("model", "fraud", "target", "topic", "version", "1", "rate", "10", "seconds", "1"));
        assertThat(pinned.statusCode()).isEqualTo(400);
        assertThat(pinned.body()).contains("leave the version empty");

        HttpResponse<String> started =
                otto.postForm("/test/load", Map.of("model", "fraud", "target", "topic", "rate", "20", "seconds", "2"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String status = started.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(otto.get(status).body()).contains("data-state=\"done\""));
        String done = otto.get(status).body();
        assertThat(done)
                .contains("fraud (current deployment) at 20/s for 2 s from the baseline to input topic " + running.input
                        + ", scored on " + running.output + ": 40 answered, 0 failed")
                .contains("end to end")
                .containsPattern("p50 \\d+\\.\\d ms, p99 \\d+\\.\\d ms")
                .contains("Latency (end to end: input topic to committed prediction)");
        ConsumerRecord<byte[], byte[]> loaded =
                CommittedRecords.first(stack, running.input, r -> key(r).startsWith("load-"));
        GenericRecord sent = AvroReader.<GenericRecord>generic(registry()).read(loaded.value());
        GenericRecord card = (GenericRecord) sent.get("card");
        assertThat(card).as("the nested record the model does not read, filled").isNotNull();
        assertThat((Map<?, ?>) card.get("limits")).hasSize(2);
        assertThat((List<?>) sent.get("items"))
                .hasSize(2)
                .allSatisfy(i ->
                        assertThat(((GenericRecord) i).get("sku").toString()).isEqualTo(key(loaded)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(otto.get("/models/fraud/rollout").body())
                                .contains("at 20/s for 2 s from the baseline to input topic " + running.input));

        HttpResponse<String> longer =
                otto.postForm("/test/load", Map.of("model", "fraud", "target", "topic", "rate", "5", "seconds", "120"));
        String longStatus = longer.headers().firstValue("Location").orElseThrow();
        assertThat(otto.get(longStatus).body()).contains("id=\"stop-load\"");
        assertThat(otto.postForm(longStatus + "/stop", Map.of()).statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(otto.get(longStatus).body())
                        .contains("data-state=\"stopped\"", "id=\"load-summary\""));
    }

    @Test
    @Order(5)
    void theLagBadgeIsTheAgeOfTheOldestRecordTheScorersHaveNotConsumed() {
        WebClient vera = console.signedIn("vera");
        await().atMost(Duration.ofSeconds(60)).until(() -> lagSeconds(vera) == 0.0);
        running.close();
        send("late", 0.0, 0.3, System.currentTimeMillis() - 120_000);
        producer.flush();
        await().atMost(Duration.ofSeconds(60)).until(() -> lagSeconds(vera) >= 120.0);
        assertThat(lagSeconds(vera)).isLessThan(600.0);
    }

    private static double lagSeconds(WebClient web) {
        String lag = badge(web, "lag-fraud");
        return lag.endsWith(" s") ? Double.parseDouble(lag.replace(" s", "").replace(",", "")) : Double.NaN;
    }

    /** The value of a badge on the home page. */
    private static String badge(WebClient web, String id) {
        Matcher m = Pattern.compile(
                        "id=\"" + id + "\"[^>]*><span class=\"k\">[^<]*</span><span class=\"v\">([^<]*)</span>")
                .matcher(web.get("/").body());
        return m.find() ? m.group(1) : "";
    }

    private static void send(String id, double f0, Double f3, long timestamp) {
        GenericRecord e = new GenericRecordBuilder(EVENT)
                .set("id", id)
                .set("f0", f0)
                .set("f1", 0.1)
                .set("f2", 0.2)
                .set("f3", f3)
                .build();
        producer.send(new ProducerRecord<>(
                running.input,
                null,
                timestamp,
                id.getBytes(StandardCharsets.UTF_8),
                events.serialize(running.input, e)));
    }

    private static StoredDeadLetter letter(String key) {
        return console.services().state().deadLetters().stream()
                .filter(s -> s.letter().getKey() != null
                        && StandardCharsets.UTF_8
                                .decode(s.letter().getKey().duplicate())
                                .toString()
                                .equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter keyed " + key));
    }

    private static Map<String, String> replayForm(StoredDeadLetter letter) {
        Map<String, String> form = new HashMap<>();
        form.put("topic", letter.topic());
        form.put("partition", Integer.toString(letter.partition()));
        form.put("offset", Long.toString(letter.offset()));
        return form;
    }

    /** The committed prediction of the input record at {@code partition}/{@code offset}. */
    private static Prediction prediction(int partition, long offset) {
        AvroReader<Prediction> reader = AvroReader.specific(registry(), Prediction.class);
        return reader.read(CommittedRecords.first(stack, running.output, r -> {
                    Prediction p = reader.read(r.value());
                    return p.getSource().getPartition() == partition
                            && p.getSource().getOffset() == offset
                            && p.getSource().getName().equals(running.input);
                })
                .value());
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static SchemaRegistryClient registry() {
        return new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
    }
}
