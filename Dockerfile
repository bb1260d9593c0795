# One image for every Wirestream service. It packages the project's own build output, so run
#   mvn -B -DskipTests package
# first; nothing is downloaded at image build time beyond the base image.
FROM eclipse-temurin:17-jre

ENV WIRESTREAM_HOME=/opt/wirestream
WORKDIR /var/lib/wirestream

# the CLI and every library it needs (Kafka clients, Streams, the Connect runtime)
COPY cli/target/lib/ ${WIRESTREAM_HOME}/lib/
COPY cli/target/wirestream-cli.jar ${WIRESTREAM_HOME}/wirestream-cli.jar
# the Connect plugin folder: the sink connectors and the Avro converter, isolated from the worker's classpath
COPY sink/target/plugin/ ${WIRESTREAM_HOME}/plugins/wirestream-sink/
COPY seeds/ /var/lib/wirestream/seeds/
COPY docker/entrypoint.sh /usr/local/bin/wirestream-entrypoint

RUN chmod +x /usr/local/bin/wirestream-entrypoint && mkdir -p /var/lib/wirestream/inbox /var/lib/wirestream/out
EXPOSE 8080 8083 8090
ENTRYPOINT ["/usr/local/bin/wirestream-entrypoint"]
CMD ["--help"]
