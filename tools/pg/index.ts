export { startThrowawayCluster, type Cluster } from './throwaway-cluster';
