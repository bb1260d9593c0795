#!/usr/bin/env bash
# Entry points of the wirestream image: connect | enrich | ingest | ops | any wirestream subcommand.
set -euo pipefail
home="${WIRESTREAM_HOME:-/opt/wirestream}"
wirestream() { exec java ${WIRESTREAM_JAVA_OPTS:-} -jar "$home/wirestream-cli.jar" "$@"; }

case "${1:-}" in
  connect)
    # a distributed Connect worker with the sink plugin on its plugin path; connectors are added over REST
    conf=/tmp/connect-distributed.properties
    cat > "$conf" <<PROPS
bootstrap.servers=${WIRESTREAM_BOOTSTRAP_SERVER}
group.id=${CONNECT_GROUP_ID:-wirestream-connect}
listeners=http://0.0.0.0:${CONNECT_REST_PORT:-8083}
rest.advertised.host.name=$(hostname)
plugin.path=${home}/plugins
key.converter=org.apache.kafka.connect.storage.StringConverter
value.converter=io.wirestream.sink.converter.AvroConverter
value.converter.schema.registry.url=${WIRESTREAM_SCHEMA_REGISTRY}
consumer.isolation.level=read_committed
rest.extension.classes=io.wirestream.sink.runtime.SinkRetryRestExtension
config.storage.topic=_wirestream_connect_configs
offset.storage.topic=_wirestream_connect_offsets
status.storage.topic=_wirestream_connect_status
config.storage.replication.factor=${WIRESTREAM_REPLICATION_FACTOR:-3}
offset.storage.replication.factor=${WIRESTREAM_REPLICATION_FACTOR:-3}
status.storage.replication.factor=${WIRESTREAM_REPLICATION_FACTOR:-3}
PROPS
    exec java ${WIRESTREAM_JAVA_OPTS:-} -cp "$home/lib/*" org.apache.kafka.connect.cli.ConnectDistributed "$conf"
    ;;
  enrich) shift; wirestream enrich "$@" ;;
  ingest) shift; wirestream ingest --watch "${WIRESTREAM_WATCH:-/var/lib/wirestream/inbox}" --http-port "${WIRESTREAM_HTTP_PORT:-8080}" "$@" ;;
  ops)    shift; wirestream lag --serve "0.0.0.0:${WIRESTREAM_HTTP_PORT:-8090}" "$@" ;;
  *)      wirestream "$@" ;;
esac
