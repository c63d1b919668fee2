// OTel 0.301's OTLP exporter loads node:http with a dynamic import() inside its CommonJS build,
// which Jest's sandbox rejects without --experimental-vm-modules ("A dynamic import callback was
// invoked..."). Letting swc compile that one package turns the import() into require(), so tests
// can export over OTLP. Other libs whose tests export spans can wrap their config with this too.
const { transform } = require('../../jest.preset.js');

const OTLP_EXPORTER_BASE = '@opentelemetry/otlp-exporter-base';

module.exports = function withOtlpExporterTransform(config) {
  return {
    ...config,
    transform: {
      ...transform,
      ...config.transform,
      [`/node_modules/${OTLP_EXPORTER_BASE}/.+\\.c?js$`]: [
        '@swc/jest',
        { jsc: { target: 'es2023' }, module: { type: 'commonjs' } },
      ],
    },
    transformIgnorePatterns: [`/node_modules/(?!${OTLP_EXPORTER_BASE}/)`],
  };
};
