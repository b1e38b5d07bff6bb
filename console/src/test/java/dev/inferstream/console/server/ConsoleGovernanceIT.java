/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.console.ConsoleFixture;
import dev.inferstream.console.WebClient;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalog's version comparison, the printable model card and the audit trail's search, filters and exports,
 * over real HTTP on the shared broker and registry.
 */
class ConsoleGovernanceIT {
    @RegisterExtension
    static final ConsoleFixture console = ConsoleFixture.aroundClass(2, "compared", "carded", "audited");

    @Test
    void twoVersionsAreComparedByManifestDifferencesAndAgreement() {
        WebClient web = console.signedIn("vera");
        HttpResponse<String> compared = web.get("/models/compared/compare?a=1&b=2");
        assertThat(compared.statusCode()).isEqualTo(200);
        assertThat(compared.body())
                .contains("<span class=\"ddel\">- description: fraud score v1")
                .contains("<span class=\"dadd\">+ description: fraud score v2")
                .contains(console.services()
                        .catalog()
                        .version("compared", 1)
                        .sha256()
                        .substring(0, 16))
                .contains(console.services()
                        .catalog()
                        .version("compared", 2)
                        .sha256()
                        .substring(0, 16))
                .contains("not compared on live traffic (shadow one against the other to measure it)");
        assertThat(web.get("/models/compared/compare?a=1").body()).contains("choose version b to compare");
        HttpResponse<String> unknown = web.get("/models/compared/compare?a=1&b=9");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("9");
    }

    @Test
    void aModelCardShowsIdentityManifestAndDeploymentsAndPrintsWithoutTheNavigation() {
        WebClient otto = console.signedIn("otto");
        console.publish(otto, "carded", Map.of("pattern", "deploy", "version", "1", "reason", "first card"));
        HttpResponse<String> card = otto.get("/models/carded/versions/1/card");
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.body())
                .contains("Model card: carded v1", "fraud score v1")
                .contains(console.services().catalog().version("carded", 1).sha256())
                .contains("<button onclick=\"window.print()\">Print</button>", "class=\"no-print\"")
                .contains("rev 1", "otto", "v1 stable 100 %", "first card")
                .contains("No feedback joined yet.", "No open drift alert.")
                .contains("f0", "f3");
        assertThat(otto.get("/static/console.css").body()).contains("@media print", ".no-print");
        assertThat(otto.get("/models/carded/versions/7/card").statusCode()).isEqualTo(404);
    }

    @Test
    void theAuditTrailIsSearchedFilteredAndExportedAsCsvAndJson() throws Exception {
        WebClient otto = console.signedIn("otto");
        console.publish(otto, "audited", Map.of("pattern", "deploy", "version", "1", "reason", "audit me"));
        WebClient vera = console.signedIn("vera");
        vera.get("/models/audited/rollout");
        vera.postForm("/models/audited/deploy", Map.of("pattern", "rollback"), 403);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                vera.get("/governance/audit?model=audited").body())
                        .contains("audit me", "needs the operator role"));

        assertThat(vera.get("/governance/audit?model=audited&who=otto").body())
                .contains("revision 1: v1 stable 100 % — audit me")
                .doesNotContain("needs the operator role");
        assertThat(vera.get("/governance/audit?model=audited&q=REFUSED").body())
                .contains("POST /models/audited/deploy")
                .doesNotContain("audit me");
        assertThat(vera.get("/governance/audit?model=audited&kind=deployment").body())
                .contains("audit me")
                .doesNotContain("needs the operator role");

        HttpResponse<String> csv = vera.get("/governance/audit/export?model=audited");
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"audit.csv\"");
        List<CSVRecord> rows = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv.body()))
                .getRecords();
        assertThat(rows)
                .extracting(r -> String.join("|", r.get("who"), r.get("kind"), r.get("model"), r.get("outcome")))
                .containsExactly(
                        "vera|POST /models/audited/deploy|audited|refused", "otto|deployment|audited|published");

        JsonNode json = new ObjectMapper()
                .readTree(vera.get("/governance/audit/export?format=json&model=audited&who=vera")
                        .body());
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get(0).get("who").asText()).isEqualTo("vera");
        assertThat(json.get(0).get("outcome").asText()).isEqualTo("refused");
        assertThat(json.get(0).get("what").asText()).isEqualTo("needs the operator role");
        assertThat(json.get(0).get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }
}
