package io.linkscope.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The structure ARCHITECTURE.md and STYLE.md describe, checked on the compiled classes. */
@DisplayName("Architecture: no package cycle, App alone at the root, pure engines, Cypher and the driver only in graph")
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.linkscope");
    }

    @Test
    @DisplayName("no two packages depend on each other, directly or through others")
    void noPackageCycles() {
        slices().matching("io.linkscope.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    @DisplayName("the root package holds App alone: it wires everything and nothing depends on it but the CLI")
    void rootHoldsAppAlone() {
        classes().that().resideInAPackage("io.linkscope").should().haveSimpleNameStartingWith("App").check(classes);
        noClasses().that().resideOutsideOfPackages("io.linkscope", "io.linkscope.cli").should()
                .dependOnClassesThat().resideInAPackage("io.linkscope").check(classes);
    }

    @Test
    @DisplayName("the engines and the normalizer are pure: no Vert.x, no Neo4j, no HTTP")
    void pureEngines() {
        noClasses().that().resideInAnyPackage("io.linkscope.analysis.linkage..", "io.linkscope.analysis.risk..", "io.linkscope.analysis.check..",
                        "io.linkscope.analysis.model..", "io.linkscope.normalize..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.neo4j..", "io.netty..")
                .check(classes);
    }

    @Test
    @DisplayName("only the graph package talks to Neo4j (the CLI's keys command and tests go through it too)")
    void onlyGraphTalksToNeo4j() {
        noClasses().that().resideOutsideOfPackage("io.linkscope.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("org.neo4j.driver..", "org.neo4j.graphdb..", "org.neo4j.dbms..")
                .check(classes);
    }
}
