package dev.mayfly.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RestRoutesTest {

    private final RestRoutes routes = RestRoutes.of(
            new Route("POST", "/w", "Create"),
            new Route("GET", "/w", "List"),
            new Route("GET", "/w/{Name}", "Get"),
            new Route("DELETE", "/w/{Name}", "Delete"),
            new Route("POST", "/w/{Name}/token", "Rotate"));

    @Test
    void matchWhenMethodAndPathMatchThenOperationAndLabels() {
        assertThat(routes.match("POST", "/w")).contains(new RestRoutes.Match("Create", Map.of()));
        assertThat(routes.match("GET", "/w/batch")).contains(new RestRoutes.Match("Get", Map.of("Name", "batch")));
        assertThat(routes.match("POST", "/w/batch/token")).contains(new RestRoutes.Match("Rotate", Map.of("Name", "batch")));
        assertThat(routes.match("POST", "/w/batch/token").orElseThrow().label("Name")).isEqualTo("batch");
    }

    @Test
    void matchWhenLabelEmptyThenMatchedForTheOperationToValidate() {
        assertThat(routes.match("GET", "/w/")).contains(new RestRoutes.Match("Get", Map.of("Name", "")));
    }

    @Test
    void matchWhenNoRouteThenEmpty() {
        assertThat(routes.match("PUT", "/w")).isEmpty();
        assertThat(routes.match("GET", "/w/a/b")).isEmpty();
        assertThat(routes.match("POST", "/w/batch/tokens")).isEmpty();
        assertThat(routes.match("GET", "/x")).isEmpty();
        assertThat(routes.match("GET", "w")).isEmpty();
        assertThat(routes.match("GET", "")).isEmpty();
        assertThat(routes.match("GET", "/w//")).isEmpty();
    }

    @Test
    void matchWhenTemplateHasSeveralLabelsThenEachInOrder() {
        RestRoutes two = RestRoutes.of(new Route("GET", "/a/{X}/b/{Y}", "Op"), new Route("GET", "/a", "Plain"));

        assertThat(two.match("GET", "/a/1/b/2").orElseThrow().labels()).containsExactly(Map.entry("X", "1"), Map.entry("Y", "2"));
        assertThat(two.match("GET", "/a").orElseThrow().labels()).isEmpty();
    }

    @Test
    void routeWhenMethodOrTemplateMalformedThenRefused() {
        assertThatThrownBy(() -> new Route("get", "/a", "Op")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Route("GET", "a", "Op")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> routes.match("GET", "/w/x").orElseThrow().label("Other")).isInstanceOf(IllegalArgumentException.class);
    }
}
