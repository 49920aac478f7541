/**
 * swc transforms shared by both jest configs. jose, openid-client and oidc-provider ship ES
 * modules only: swc turns them (and our TypeScript) into CommonJS for jest. Views are TSX rendered
 * by preact on the server (tsconfig: jsx react-jsx, importSource preact).
 */
const target = 'es2022';
module.exports = {
  transform: {
    '^.+\\.tsx$': ['@swc/jest', { jsc: { target, parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic', importSource: 'preact' } } } }],
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi|oidc-provider)/)'],
};
