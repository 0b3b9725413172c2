package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.cloudTrail;
import static dev.mayfly.dev.Tenants.iam;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * The audit console end to end in headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them):
 * sign in with an access key, the timeline and its chart, a filter, a record's JSON, a saved query, and a wrong secret.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
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
        sts(root(account)).getCallerIdentity();
        eventually(Duration.ofSeconds(15), () -> cloudTrail(root(account)).lookupEvents(r -> r.maxResults(50)).events().size() >= 5 ? true : null);

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static void signIn(String secret) {
        browser.get(Platform.get().auditUrl() + "/console/");
        browser.manage().deleteAllCookies();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("access-key-id"))).sendKeys(account.accessKeyId());
        browser.findElement(By.id("secret-access-key")).sendKeys(secret);
        browser.findElement(By.id("signin-submit")).click();
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#records tbody tr"));
    }

    @Test
    void consoleWhenSignedInThenTimelineChartRecordsFiltersAndSavedQueries() {
        signIn(account.secretAccessKey());

        wait.until(d -> rows().size() >= 5);
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(account.accessKeyId());
        assertThat(browser.findElements(By.cssSelector("#timeline rect.calls"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#timeline rect.denials"))).isNotEmpty();
        assertThat(rows().stream().map(WebElement::getText).toList()).anySatisfy(row -> assertThat(row).contains("AssumeRole").contains("AccessDenied"));

        new Select(browser.findElement(By.id("outcome"))).selectByValue("failure");
        browser.findElement(By.id("apply")).click();
        wait.until(d -> rows().size() == 2);
        assertThat(rows()).allSatisfy(row -> assertThat(row.getText()).contains("AccessDenied"));

        WebElement first = rows().getFirst();
        String eventId = first.getDomAttribute("data-event-id");
        first.click();
        wait.until(d -> d.findElement(By.id("record-json")).getText().contains(eventId));
        assertThat(browser.findElement(By.id("record-json")).getText()).contains("\"eventVersion\": \"1.11\"")
                .contains("\"errorCode\": \"AccessDenied\"").doesNotContain("mayflyLookup");

        wait.until(d -> d.findElements(By.cssSelector("#saved-list button")).size() == 5);
        browser.findElement(By.cssSelector("#saved-list button[data-query='RootUsage']")).click();
        wait.until(d -> d.findElement(By.id("findings-title")).getText().matches("RootUsage: [1-9]\\d* finding\\(s\\)"));
        assertThat(browser.findElements(By.cssSelector("#findings tbody tr"))).isNotEmpty();
    }

    @Test
    void consoleWhenSecretWrongThenClearErrorAndNoData() {
        signIn("wrong-secret-wrong-secret-wrong-secret12");

        wait.until(d -> !d.findElement(By.id("signin-error")).getText().isEmpty());
        assertThat(browser.findElement(By.id("signin-error")).getText()).startsWith("Not signed in:").contains("signature");
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
    }
}
