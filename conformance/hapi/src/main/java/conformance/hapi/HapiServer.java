package conformance.hapi;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.broker.api.IBrokerClient;
import ca.uhn.fhir.broker.api.IChannelNamer;
import ca.uhn.fhir.broker.impl.LinkedBlockingBrokerClient;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.impl.LinkedBlockingChannelFactory;
import ca.uhn.fhir.jpa.subscription.channel.impl.RetryPolicyProvider;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.CorsInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.web.cors.CorsConfiguration;

/**
 * A plain HAPI FHIR JPA server for R4 on an in-memory H2 database, configured as HAPI's starter
 * project configures it by default (paging through the database with `_getpages` links, totals as
 * HAPI gives them), with CORS open so a test page on another origin can read it. FHIR base:
 * http://127.0.0.1:&lt;server.port&gt;/fhir.
 */
@SpringBootApplication(exclude = HibernateJpaAutoConfiguration.class)
@EnableTransactionManagement
@Import({
  JpaR4Config.class,
  HapiJpaConfig.class,
  ThreadPoolFactoryConfig.class,
  JpaBatch2Config.class,
  Batch2JobsConfig.class
})
public class HapiServer {

  public static void main(String[] args) {
    SpringApplication.run(HapiServer.class, args);
  }

  @Bean
  public JpaStorageSettings storageSettings() {
    JpaStorageSettings settings = new JpaStorageSettings();
    // Seeded records keep their ids (gen-patient-0001): PUT with a client id, as the starter allows.
    settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ALPHANUMERIC);
    return settings;
  }

  @Bean
  public PartitionSettings partitionSettings() {
    return new PartitionSettings();
  }

  /** HAPI's batch jobs (reindexing after a SearchParameter changes) pass messages in memory. */
  @Bean
  public IChannelNamer channelNamer() {
    return (name, settings) -> name;
  }

  @Bean
  public LinkedBlockingChannelFactory linkedBlockingChannelFactory(IChannelNamer namer) {
    return new LinkedBlockingChannelFactory(namer, new RetryPolicyProvider());
  }

  @Bean
  public IBrokerClient brokerClient(IChannelNamer namer) {
    return new LinkedBlockingBrokerClient(namer);
  }

  @Primary
  @Bean
  public LocalContainerEntityManagerFactoryBean entityManagerFactory(
      ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext,
      JpaStorageSettings storageSettings,
      DataSource dataSource) {
    LocalContainerEntityManagerFactoryBean factory =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
    factory.setPersistenceUnitName("HAPI_PU");
    factory.setDataSource(dataSource);
    factory.getJpaPropertyMap().putAll(java.util.Map.of(
        "hibernate.dialect", "ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect",
        "hibernate.hbm2ddl.auto", "update",
        "hibernate.jdbc.batch_size", "20",
        "hibernate.cache.use_query_cache", "false",
        "hibernate.cache.use_second_level_cache", "false",
        "hibernate.search.enabled", "false",
        "hibernate.archive.scanner", "org.hibernate.boot.archive.scan.internal.DisabledScanner"));
    return factory;
  }

  @Primary
  @Bean
  public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new JpaTransactionManager(entityManagerFactory);
  }

  @Bean
  public RestfulServer restfulServer(
      IFhirSystemDao<?, ?> systemDao,
      ResourceProviderFactory resourceProviders,
      IJpaSystemProvider systemProvider,
      JpaStorageSettings storageSettings,
      ISearchParamRegistry searchParamRegistry,
      IValidationSupport validationSupport,
      DatabaseBackedPagingProvider pagingProvider) {
    RestfulServer server = new RestfulServer(systemDao.getContext());
    server.registerProviders(resourceProviders.createProviders());
    server.registerProvider(systemProvider);
    JpaCapabilityStatementProvider capability = new JpaCapabilityStatementProvider(
        server, systemDao, storageSettings, searchParamRegistry, validationSupport);
    capability.setImplementationDescription("HAPI FHIR R4 Server (care-record-elements conformance)");
    server.setServerConformanceProvider(capability);
    // The starter's defaults: 20 a page when the search names no _count; larger _count values are
    // lowered to the maximum (here 200, the starter's suggested setting) without an error.
    pagingProvider.setDefaultPageSize(20);
    pagingProvider.setMaximumPageSize(200);
    server.setPagingProvider(pagingProvider);
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    server.registerInterceptor(new CorsInterceptor(cors()));
    return server;
  }

  @Bean
  public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
    ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
    registration.setLoadOnStartup(1);
    return registration;
  }

  /** Any origin may read, with a bearer token; what a browser page on another origin needs. */
  private static CorsConfiguration cors() {
    CorsConfiguration config = new CorsConfiguration();
    config.setAllowedOriginPatterns(List.of("*"));
    config.setAllowedHeaders(List.of("Origin", "Accept", "Content-Type", "Authorization", "Prefer", "Cache-Control"));
    config.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified"));
    config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"));
    config.setAllowCredentials(false);
    return config;
  }
}
