// Documents a Relay dashboard would write against this API: compiled by relay-compiler in
// test/relay-compiler.e2e-spec.ts (never executed here; `graphql` is Relay's tag, read by the compiler).
declare function graphql(strings: TemplateStringsArray): unknown;

export const dashboardQuery = graphql`
  query dashboardQuery($count: Int!, $cursor: String) {
    ...dashboardRecommendations_query @arguments(count: $count, cursor: $cursor)
    ...dashboardMeetings_query
  }
`;

/** Forward pagination over recommendations (usePaginationFragment). */
export const recommendations = graphql`
  fragment dashboardRecommendations_query on Query
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" })
  @refetchable(queryName: "dashboardRecommendationsPaginationQuery") {
    recommendations(first: $count, after: $cursor, filter: { status: [IN_PROGRESS, STALLED] })
      @connection(key: "dashboardRecommendations_recommendations", filters: ["filter"]) {
      totalCount
      edges {
        node {
          id
          ...dashboardRecommendationCard_recommendation
        }
      }
    }
  }
`;

/** Backward pagination: the newest meetings first, loading older ones before. */
export const meetings = graphql`
  fragment dashboardMeetings_query on Query
  @argumentDefinitions(last: { type: "Int", defaultValue: 10 }, before: { type: "String" })
  @refetchable(queryName: "dashboardMeetingsPaginationQuery") {
    meetings(last: $last, before: $before) @connection(key: "dashboardMeetings_meetings") {
      edges {
        node {
          id
          title
          heldOn
        }
      }
    }
  }
`;

/** Refetched on its own through node(id:) (useRefetchableFragment). */
export const recommendationCard = graphql`
  fragment dashboardRecommendationCard_recommendation on Recommendation
  @refetchable(queryName: "dashboardRecommendationCardRefetchQuery") {
    id
    code
    title
    status
    dueDate
    meeting {
      id
      title
    }
    responsibleOrganizations {
      id
      name
    }
  }
`;
