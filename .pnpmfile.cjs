// better-sqlite3 compiles from source here (its prebuilt download is unreachable) and
// node-gyp would try to download Node's headers. pnpm does not pass `nodedir` from .npmrc
// to build scripts, so point node-gyp at the headers that ship with Node on this machine.
module.exports = {
  hooks: {
    updateConfig(config) {
      config.extraEnv = {
        ...(config.extraEnv ?? {}),
        npm_config_nodedir: process.env.npm_config_nodedir || '/usr',
      };
      return config;
    },
  },
};
