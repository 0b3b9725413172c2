package dev.mayfly.issuer;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.mayfly.issuer.iam.IamAction;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionGroup;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Where the issuer's actions go (docs/served-actions.md): each in the package of the resource it acts on (an IAM
 * resource's package under iam, or sts), made and registered only by that package's action group, which the catalog is
 * made of. The IAM resource packages share iam's building blocks and nothing of each other, and each package of
 * actions says in its package-info what it owns and what it must not touch.
 */
class ActionCatalogArchitectureTest {

    private static final JavaClasses ISSUER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mayfly.issuer");

    private static final Path SOURCES = Path.of("src", "main", "java");

    private static final String IAM_RESOURCE_PACKAGES = "dev.mayfly.issuer.iam.*..";

    /** An action made anywhere but in a group is an action the catalog (and docs/served-actions.md) does not know. */
    private static final ArchRule ACTIONS_MADE_ONLY_BY_GROUPS = noClasses()
            .that().doNotImplement(ActionGroup.class).and().areNotAssignableTo(QueryAction.class)
            .should().callConstructorWhere(target(owner(assignableTo(QueryAction.class))))
            .because("actions are registered through the ActionCatalog, by the ActionGroup of the resource they act on");

    @Test
    void actionsWhenMadeThenOnlyByAnActionGroup() {
        ACTIONS_MADE_ONLY_BY_GROUPS.check(ISSUER);
    }

    @Test
    void actionsRuleWhenAClassMakesAnActionOutsideAGroupThenFails() {
        assertThatThrownBy(() -> ACTIONS_MADE_ONLY_BY_GROUPS.check(new ClassFileImporter()
                .importClasses(RegistersBehindTheCatalog.class, StrayAction.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("StrayAction.<init>");
    }

    @Test
    void actionsWhenConcreteThenLiveInStsOrAnIamResourcePackage() {
        classes().that().implement(QueryAction.class).and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .and().resideOutsideOfPackage("dev.mayfly.issuer.iam")
                .should().resideInAnyPackage("dev.mayfly.issuer.sts", IAM_RESOURCE_PACKAGES)
                .because("an action lives with the resource it acts on; iam itself holds only the actions shared by several"
                        + " resources (AttachmentActions, TagActions...), which each resource's group names")
                .check(ISSUER);
    }

    @Test
    void actionGroupsWhenDeclaredThenLiveInStsOrAnIamResourcePackage() {
        classes().that().implement(ActionGroup.class)
                .should().resideInAnyPackage("dev.mayfly.issuer.sts", IAM_RESOURCE_PACKAGES)
                .check(ISSUER);
    }

    @Test
    void iamActionsWhenDeclaredThenAreIamActions() {
        classes().that().implement(QueryAction.class).and().resideInAPackage("dev.mayfly.issuer.iam..")
                .should().beAssignableTo(IamAction.class)
                .because("IAM actions have one style: a class extending IamAction, named by its AWS action name")
                .check(ISSUER);
    }

    @Test
    void iamResourcePackagesWhenCompiledThenDependOnlyOnSharedIam() {
        slices().matching("dev.mayfly.issuer.iam.(*)..").should().notDependOnEachOther().check(ISSUER);
        noClasses().that().resideInAPackage("dev.mayfly.issuer.iam")
                .should().dependOnClassesThat().resideInAPackage(IAM_RESOURCE_PACKAGES)
                .check(ISSUER);
    }

    @Test
    void iamAndStsWhenCompiledThenIndependentOfEachOther() {
        noClasses().that().resideInAPackage("dev.mayfly.issuer.sts..")
                .should().dependOnClassesThat().resideInAPackage("dev.mayfly.issuer.iam..")
                .check(ISSUER);
        noClasses().that().resideInAPackage("dev.mayfly.issuer.iam..")
                .should().dependOnClassesThat().resideInAPackage("dev.mayfly.issuer.sts..")
                .check(ISSUER);
    }

    /** So that a package of actions, a new one too, says what it is for and what is not its business. */
    @Test
    void actionPackagesWhenDocumentedThenSayWhatTheyOwnAndMustNotTouch() {
        SortedSet<String> packages = ISSUER.stream()
                .filter(c -> c.isAssignableTo(QueryAction.class) || c.isAssignableTo(ActionGroup.class))
                .map(JavaClass::getPackageName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(packages).contains("dev.mayfly.issuer.protocol", "dev.mayfly.issuer.sts", "dev.mayfly.issuer.iam", "dev.mayfly.issuer.iam.users");
        List<String> undocumented = packages.stream().filter(name -> {
            Path info = SOURCES.resolve(name.replace('.', '/')).resolve("package-info.java");
            try {
                String text = Files.readString(info);
                return !text.contains("Owns:") || !text.contains("Must not touch:");
            } catch (IOException e) {
                return true;
            }
        }).toList();
        assertThat(undocumented).as("packages of actions whose package-info.java does not say \"Owns:\" and \"Must not touch:\"")
                .isEmpty();
    }

    /** What the rule must catch: an action made and handed to the endpoint outside any group. */
    static final class RegistersBehindTheCatalog {
        List<QueryAction> actions() {
            return List.of(new StrayAction());
        }
    }

    static final class StrayAction extends DeclaredAction {
        StrayAction() {
            super("Stray", AwsService.IAM, true);
        }

        @Override
        public ActionResult execute(ActionContext context) {
            return ActionResult.empty(List.of());
        }
    }
}
