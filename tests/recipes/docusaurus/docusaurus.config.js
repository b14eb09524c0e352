// @ts-check
/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'Mind Matters',
  url: 'https://mind-matters.example.org',
  baseUrl: '/',
  presets: [
    ['classic', {docs: {routeBasePath: '/', sidebarPath: './sidebars.js'}, blog: false}],
  ],
};

module.exports = config;
