package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.cloudTrail;
import static dev.mayfly.dev.Tenants.iam;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.protocol.JsonProtocolEndpoint;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The audit console end to end in headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them), as
 * an auditor uses it: sign in with an access key; the chart, whose bars follow the events, and a click on a bar that
 * narrows the window; pages of events; exports of the page shown, downloaded as a person would; a filter, a record's
 * JSON, a saved query, and a wrong secret. Each view is saved as a PNG under target/console-screenshots/ for a
 * reviewer to look at (the files are listed at the end of the test's output).
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
    private static final Path DOWNLOADS = Path.of("target", "console-downloads").toAbsolutePath();
    /** A user agent a caller chose: a spreadsheet formula and HTML, which the console must show and export as text. */
    private static final String HOSTILE_AGENT = "=HYPERLINK(\"http://evil.example\",\"open\") <img src=x id=injected>";
    private static final int BURST = 40;
    private static final List<Path> TAKEN = new ArrayList<>();
    private static NewAccount account;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void anAccountWithSomeHistoryAndABrowser() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        }
        assertThat(installed).as("CI installs Chromium and chromedriver (.ci/run)").isTrue();
        account = Platform.get().issuer.accounts().create("console");
        iam(root(account)).createUser(r -> r.userName("eve"));
        AccessKey eve = iam(root(account)).createAccessKey(r -> r.userName("eve")).accessKey();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> sts(AwsBasicCredentials.create(eve.accessKeyId(), eve.secretAccessKey()))
                    .assumeRole(r -> r.roleArn("arn:aws:iam::" + account.accountId() + ":role/none").roleSessionName("probe")))
                    .isInstanceOf(StsException.class);
        }
        Thread.sleep(2_000);   // the burst a couple of seconds later: the chart has more than one bar
        var rootSts = sts(root(account));
        for (int i = 0; i < BURST; i++) {
            rootSts.getCallerIdentity();
        }
        assertThat(new SignedJsonClient(root(account), "cloudtrail").target(Platform.get().auditUrl(),
                JsonProtocolEndpoint.MAYFLY_PREFIX + "Search", "{\"MaxResults\":0}", HOSTILE_AGENT).statusCode()).isEqualTo(200);
        eventually(Duration.ofSeconds(20), () -> cloudTrail(root(account)).lookupEvents(r -> r.maxResults(50)).events().size() >= 45 ? true : null);

        recreate(SCREENSHOTS);
        recreate(DOWNLOADS);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1300")
                .setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                        "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterAll
    static void closeBrowserAndListScreenshots() {
        if (browser != null) {
            browser.quit();
        }
        System.out.println("Console screenshots, one a view, for a reviewer:");
        TAKEN.stream().sorted().forEach(file -> System.out.println("  " + file));
    }

    private static void recreate(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
    }

    /** What a person sees now, saved as {@code name}.png. */
    private static void screenshot(String name) {
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            TAKEN.add(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signIn(String secret) {
        browser.get(Platform.get().auditUrl() + "/console/");
        browser.manage().deleteAllCookies();
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("access-key-id"))).sendKeys(account.accessKeyId());
        browser.findElement(By.id("secret-access-key")).sendKeys(secret);
    }

    private static void signedIn() {
        signIn(account.secretAccessKey());
        browser.findElement(By.id("signin-submit")).click();
        wait.until(d -> rows().size() >= 5 && !d.findElements(By.cssSelector("#timeline rect.hit")).isEmpty());
    }

    /** An instant as the console writes it. */
    private static String utc(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", "");
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#records tbody tr"));
    }

    private static List<String> eventIds() {
        return rows().stream().map(row -> row.getDomAttribute("data-event-id")).toList();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Clicks an export button and reads the file the browser downloads, once complete (Chromium renames it then). */
    private static String export(String button, String extension) throws IOException {
        recreate(DOWNLOADS);
        browser.findElement(By.id(button)).click();
        // the browser may name the file before it has written it: an export is never empty (a CSV has its header row)
        wait.until(d -> downloadedFile(extension) != null && size(downloadedFile(extension)) > 0);
        return Files.readString(downloadedFile(extension), StandardCharsets.UTF_8);
    }

    private static Path downloadedFile(String extension) {
        try (Stream<Path> files = Files.list(DOWNLOADS)) {
            return files.filter(f -> f.toString().endsWith(extension)).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;   // renamed or still being written: looked at again at the next poll
        }
    }

    @Test
    void consoleWhenSignedInThenTimelineChartRecordsFiltersAndSavedQueries() {
        signIn(account.secretAccessKey());
        screenshot("01-sign-in");
        browser.findElement(By.id("signin-submit")).click();

        wait.until(d -> rows().size() >= 5);
        assertThat(text("who")).isEqualTo(account.accessKeyId());
        assertThat(browser.findElements(By.cssSelector("#timeline rect.calls"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#timeline rect.denials"))).isNotEmpty();
        assertThat(rows().stream().map(WebElement::getText).toList()).anySatisfy(row -> assertThat(row).contains("AssumeRole").contains("AccessDenied"));
        screenshot("02-signed-in-timeline");

        new Select(browser.findElement(By.id("outcome"))).selectByValue("failure");
        browser.findElement(By.id("apply")).click();
        wait.until(d -> rows().size() == 2);
        assertThat(rows()).allSatisfy(row -> assertThat(row.getText()).contains("AccessDenied"));

        WebElement first = rows().getFirst();
        String eventId = first.getDomAttribute("data-event-id");
        first.click();
        wait.until(d -> d.findElement(By.id("record-json")).getText().contains(eventId));
        assertThat(text("record-json")).contains("\"eventVersion\": \"1.11\"").contains("\"errorCode\": \"AccessDenied\"").doesNotContain("mayflyLookup");
        screenshot("03-denials-and-a-record");

        wait.until(d -> d.findElements(By.cssSelector("#saved-list button")).size() == 5);
        browser.findElement(By.cssSelector("#saved-list button[data-query='RootUsage']")).click();
        wait.until(d -> d.findElement(By.id("findings-title")).getText().matches("RootUsage: [1-9]\\d* finding\\(s\\)"));
        assertThat(browser.findElements(By.cssSelector("#findings tbody tr"))).isNotEmpty();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('saved').scrollIntoView()");
        screenshot("04-saved-query-findings");
    }

    @Test
    void chartWhenSignedInAfterABurstThenBarsFollowTheEventsAndAClickNarrowsTheWindowToOne() {
        signedIn();
        List<WebElement> bars = browser.findElements(By.cssSelector("#timeline rect.hit"));
        String dayWindow = text("window");

        assertThat(bars).as("seconds apart in a day's window: a bar for a few seconds, not one for the day").hasSizeGreaterThan(2);
        assertThat(text("chart-range")).matches("\\d+ bars of \\d+ seconds? each, from the first event to the last; at most [1-9]\\d* a bar\\..*");
        WebElement busiest = bars.stream().max(Comparator.comparingInt(bar -> Integer.parseInt(bar.getDomAttribute("data-count")))).orElseThrow();
        int count = Integer.parseInt(busiest.getDomAttribute("data-count"));
        Instant start = Instant.parse(busiest.getDomAttribute("data-time"));
        Instant end = Instant.parse(busiest.getDomAttribute("data-end"));
        assertThat(count).isGreaterThan(1);

        busiest.click();
        // the bucket's end is exclusive: the window ends with the second before, inclusive
        String narrowed = "Window: " + utc(start) + " to " + utc(end.minusSeconds(1)) + " UTC";
        wait.until(d -> text("window").equals(narrowed));
        wait.until(d -> text("total").equals("(" + count + " events)") && rows().size() == count);
        assertThat(browser.findElement(By.id("back")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("#timeline rect.hit")).stream()
                .mapToInt(bar -> Integer.parseInt(bar.getDomAttribute("data-count"))).sum()).as("the bucket's events, in bars of their own").isEqualTo(count);
        screenshot("05-narrowed-to-one-bar");

        browser.findElement(By.id("back")).click();
        wait.until(d -> text("window").equals(dayWindow) && d.findElements(By.cssSelector("#timeline rect.hit")).size() > 2);
        assertThat(browser.findElement(By.id("back")).isDisplayed()).isFalse();
    }

    @Test
    void timelineWhenPagedThenNextAndPreviousAndTheExportsHoldWhatIsShown() throws IOException {
        signedIn();
        new Select(browser.findElement(By.id("page-size"))).selectByValue("25");
        wait.until(d -> rows().size() == 25 && text("page-info").startsWith("Page 1: events 1–25 of "));
        List<String> firstPage = eventIds();

        browser.findElement(By.id("next")).click();
        wait.until(d -> text("page-info").startsWith("Page 2: events 26–"));
        List<String> secondPage = eventIds();
        assertThat(secondPage).hasSizeGreaterThanOrEqualTo(20).doesNotContainAnyElementsOf(firstPage);
        assertThat(browser.findElement(By.id("previous")).isEnabled()).isTrue();
        screenshot("06-second-page");

        String csv = export("export-csv", ".csv");
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).startsWith("eventTime,eventName,eventSource,principal,");
        assertThat(lines).hasSize(secondPage.size() + 1);
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(secondPage).anySatisfy(id -> assertThat(line).endsWith(id)));
        JsonNode json = Json.mapper().readTree(export("export-json", ".json"));
        assertThat(json.path("Records")).extracting(r -> r.path("eventID").asText()).containsExactlyElementsOf(secondPage);
        assertThat(json.path("Records").get(0).path("eventVersion").asText()).isEqualTo("1.11");

        browser.findElement(By.id("previous")).click();
        wait.until(d -> text("page-info").startsWith("Page 1: events 1–25 of "));
        assertThat(eventIds()).isEqualTo(firstPage);
        assertThat(browser.findElement(By.id("previous")).isEnabled()).isFalse();
    }

    @Test
    void exportWhenACallerChoseAFormulaAndHtmlForUserAgentThenTextInThePageAndAQuotedCellInTheCsv() throws IOException {
        signedIn();
        browser.findElement(By.id("query")).sendKeys("userAgent:\\=HYPERLINK*");
        browser.findElement(By.id("apply")).click();
        wait.until(d -> rows().size() == 1);
        rows().getFirst().click();
        wait.until(d -> text("record-json").contains("evil.example"));

        assertThat(text("record-json")).contains("<img src=x id=injected>");
        assertThat(browser.findElements(By.id("injected"))).as("shown as text, never as HTML").isEmpty();
        screenshot("07-hostile-user-agent-as-text");
        assertThat(export("export-csv", ".csv")).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\") <img src=x id=injected>\",");
    }

    @Test
    void consoleWhenSecretWrongThenClearErrorAndNoData() {
        signIn("wrong-secret-wrong-secret-wrong-secret12");
        browser.findElement(By.id("signin-submit")).click();

        wait.until(d -> !d.findElement(By.id("signin-error")).getText().isEmpty());
        assertThat(text("signin-error")).startsWith("Not signed in:").contains("signature");
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
        screenshot("08-wrong-secret");
    }
}
