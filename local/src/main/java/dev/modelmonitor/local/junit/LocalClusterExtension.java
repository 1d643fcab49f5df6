package dev.modelmonitor.local.junit;

import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a test class a real Kafka broker and schema registry: started once per JVM on free ports,
 * shared by every test class that uses the extension, closed when the test run ends. Declare a
 * {@link TestCluster} parameter (constructor, {@code @BeforeAll}, {@code @BeforeEach} or test
 * method) to get the addresses, a topic prefix unique to the class, and broker stop/start for
 * outage tests.
 *
 * <pre>{@code
 * @ExtendWith(LocalClusterExtension.class)
 * class AlertsIT {
 *   @Test
 *   void firesOnErrorBurst(TestCluster cluster) {
 *     TopicNames topics = cluster.createTopics();
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>The cluster is the in-process broker of {@code local/} by default. With {@code
 * -Dmm.test.cluster=docker} (Maven profile {@code docker}) it is Kafka in a Testcontainers
 * container (image {@code -Dmm.test.kafka.image}, default {@value
 * DockerClusterBackend#DEFAULT_IMAGE}) with the same registry; where no Docker engine runs, the
 * test classes are skipped with a message saying so.
 */
public final class LocalClusterExtension
    implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, ParameterResolver {
  /** System property choosing the cluster: {@value #EMBEDDED} (default) or {@value #DOCKER}. */
  public static final String MODE_PROPERTY = "mm.test.cluster";

  public static final String EMBEDDED = "embedded";
  public static final String DOCKER = "docker";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalClusterExtension.class);
  private static final String SHARED = "shared-cluster";
  private static final String DOCKER_SKIP_REASON = "docker-skip-reason";
  private static final Logger log = LoggerFactory.getLogger(LocalClusterExtension.class);

  /** Disables the test classes, with the reason, under Docker mode where no engine runs. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!mode().equals(DOCKER)) {
      return ConditionEvaluationResult.enabled("in-process broker");
    }
    String reason =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(DOCKER_SKIP_REASON, key -> dockerSkipReason(), String.class);
    return reason.isEmpty()
        ? ConditionEvaluationResult.enabled("Docker engine available")
        : ConditionEvaluationResult.disabled(reason);
  }

  private static String dockerSkipReason() {
    String reason;
    try {
      if (DockerClusterBackend.dockerAvailable()) {
        return "";
      }
      reason = "No Docker engine is available";
    } catch (NoClassDefFoundError e) {
      reason =
          "Testcontainers (org.testcontainers:testcontainers-kafka) is not on the test classpath";
    }
    reason +=
        ", so the tests against Testcontainers Kafka ("
            + MODE_PROPERTY
            + "=docker, Maven profile docker) are skipped; run without -Pdocker to use the"
            + " in-process broker.";
    log.warn(reason);
    return reason;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ClusterBackend backend = shared(context);
    if (!backend.isBrokerRunning()) {
      backend.startBroker();
    }
  }

  /** A test that stopped the broker and failed before restarting it must not break the next. */
  @Override
  public void afterAll(ExtensionContext context) {
    SharedCluster shared = context.getRoot().getStore(NAMESPACE).get(SHARED, SharedCluster.class);
    if (shared != null && !shared.backend().isBrokerRunning()) {
      shared.backend().startBroker();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> testClass = classContext(context).getRequiredTestClass();
    // Keyed by class: a store also answers with its parents' values, which a @Nested class
    // must not inherit.
    return classContext(context)
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            testClass,
            key -> new TestCluster(shared(context), testClass.getSimpleName()),
            TestCluster.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static ClusterBackend shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(SHARED, key -> SharedCluster.start(mode()), SharedCluster.class)
        .backend();
  }

  private static String mode() {
    String mode = System.getProperty(MODE_PROPERTY, EMBEDDED).trim().toLowerCase(Locale.ROOT);
    if (!mode.equals(EMBEDDED) && !mode.equals(DOCKER)) {
      throw new IllegalArgumentException(
          MODE_PROPERTY + " must be " + EMBEDDED + " or " + DOCKER + " but was " + mode);
    }
    return mode;
  }

  /** The root-store entry: the running backend, closed at the end of the test run. */
  record SharedCluster(ClusterBackend backend) implements AutoCloseable {
    static SharedCluster start(String mode) {
      return new SharedCluster(
          mode.equals(DOCKER) ? new DockerClusterBackend() : new EmbeddedClusterBackend());
    }

    @Override
    public void close() {
      backend.close();
    }
  }
}
