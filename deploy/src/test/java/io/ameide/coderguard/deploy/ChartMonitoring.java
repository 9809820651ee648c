package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;

/**
 * What a service chart tells SREs: its alerts (PrometheusRule) and its Grafana dashboard (a ConfigMap), held to the
 * runbook and to the metrics the service's README says it exports.
 */
final class ChartMonitoring {

    /** A metric name in a PromQL expression: a name followed by its label matchers. */
    private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*\\{");

    private ChartMonitoring() {
    }

    /** Every alerting rule the chart renders for dev. */
    static List<Rule> alerts(String chart) {
        return ChartObjects.only(chart, PrometheusRule.class).getSpec().getGroups().stream()
                .flatMap(group -> group.getRules().stream()).toList();
    }

    /** Each alert's {@code runbook_url} names a section of deploy/README.md that exists. */
    static void assertEveryAlertLinksToItsRunbookSection(String chart) {
        Set<String> anchors = Readmes.anchors(Readmes.read(Readmes.runbook()));

        assertThat(alerts(chart)).isNotEmpty().allSatisfy(alert -> {
            String url = alert.getAnnotations().get("runbook_url");
            assertThat(url).as(alert.getAlert()).startsWith("deploy/README.md#");
            assertThat(anchors).as("a section of deploy/README.md for " + alert.getAlert())
                    .contains(url.substring(url.indexOf('#') + 1));
        });
    }

    /** The metrics the chart's alerts and dashboard query ({@code dashboardKey} names the dashboard in its ConfigMap). */
    static Set<String> metricsUsed(String chart, String dashboardConfigMap, String dashboardKey) {
        String dashboard = ChartObjects.named(chart, ConfigMap.class, dashboardConfigMap).getData().get(dashboardKey);
        return metrics(Stream.concat(alerts(chart).stream().map(rule -> rule.getExpr().getStrVal()),
                dashboardExpressions(dashboard)));
    }

    /** The metric names in PromQL expressions. */
    static Set<String> metrics(Stream<String> expressions) {
        Set<String> metrics = new LinkedHashSet<>();
        expressions.forEach(expression -> {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                metrics.add(matcher.group(1));
            }
        });
        return metrics;
    }

    /**
     * The metrics used that the service's README does not table under {@code prefix}; a summary's {@code _count},
     * {@code _sum} and {@code _max} series count as the summary, and Prometheus's own {@code up} as exported.
     */
    static List<String> notExported(Set<String> used, Path readme, String prefix) {
        Set<String> exported = Readmes.tableKeys(Readmes.read(readme)).stream().filter(key -> key.startsWith(prefix))
                .collect(Collectors.toSet());
        return used.stream().filter(metric -> !metric.equals("up"))
                .filter(metric -> !exported.contains(metric.replaceAll("_(count|sum|max)$", ""))).toList();
    }

    private static Stream<String> dashboardExpressions(String dashboard) {
        JsonNode panels;
        try {
            panels = new ObjectMapper().readTree(dashboard).get("panels");
        } catch (IOException e) {
            throw new UncheckedIOException("the dashboard is not JSON", e);
        }
        return Stream.iterate(0, i -> i < panels.size(), i -> i + 1)
                .flatMap(i -> Stream.iterate(0, j -> j < panels.get(i).get("targets").size(), j -> j + 1)
                        .map(j -> panels.get(i).get("targets").get(j).get("expr").asText()));
    }
}
