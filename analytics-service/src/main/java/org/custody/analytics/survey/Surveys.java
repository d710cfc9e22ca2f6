package org.custody.analytics.survey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.custody.analytics.budget.PrivacyBudget;
import org.custody.analytics.budget.PrivacyBudgets;
import org.custody.analytics.metrics.AnalyticsMetrics;
import org.custody.analytics.privacy.ComplementarySuppression;
import org.custody.analytics.privacy.KThreshold;
import org.custody.analytics.privacy.Noise;
import org.custody.analytics.privacy.NoiseRequirement;
import org.custody.platform.access.Purpose;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.FieldViolation;

/**
 * Choice and rating surveys (P5): definitions, responses, and results that exist only in
 * aggregate. A respondent may be named, but is stored only as a keyed pseudonym. Results
 * suppress counts below k with complementary suppression per question (see
 * {@link ComplementarySuppression}), or, in noisy mode, add two-sided geometric noise: one
 * response changes the response count by 1 and one count per question it answers by 1, so with
 * Q questions the L1 sensitivity is Q + 1 and each count gets epsilon / (Q + 1).
 */
public final class Surveys {
  private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final SurveyStore store;
  private final RespondentPseudonyms pseudonyms;
  private final PrivacyBudgets budgets;
  private final Noise noise;
  private final KThreshold k;
  private final Clock clock;
  private final SecureRandom random;
  private final AnalyticsMetrics metrics;

  public Surveys(SurveyStore store, RespondentPseudonyms pseudonyms, PrivacyBudgets budgets, Noise noise, KThreshold k,
      Clock clock, SecureRandom random, AnalyticsMetrics metrics) {
    this.store = store;
    this.pseudonyms = pseudonyms;
    this.budgets = budgets;
    this.noise = noise;
    this.k = k;
    this.clock = clock;
    this.random = random;
    this.metrics = metrics;
  }

  /** Creates a survey after checking what the contract's rules cannot express. */
  public Survey create(String projectId, SurveyDraft draft) {
    List<FieldViolation> violations = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < draft.questions().size(); i++) {
      Question q = draft.questions().get(i);
      String field = "survey.questions[" + i + "]";
      if (!ids.add(q.id())) {
        violations.add(new FieldViolation(field + ".question_id", "must be unique within the survey"));
      }
      if (q.kind() == QuestionKind.CHOICE) {
        if (q.options().size() < Question.MIN_OPTIONS || q.options().size() > Question.MAX_OPTIONS) {
          violations.add(new FieldViolation(field + ".options",
              "a choice question needs " + Question.MIN_OPTIONS + " to " + Question.MAX_OPTIONS + " options"));
        }
        if (q.ratingMin() != 0 || q.ratingMax() != 0) {
          violations.add(new FieldViolation(field + ".rating_min", "must be unset for a choice question"));
        }
      } else {
        if (!q.options().isEmpty()) {
          violations.add(new FieldViolation(field + ".options", "must be empty for a rating question"));
        }
        if (q.ratingMin() >= q.ratingMax()) {
          violations.add(new FieldViolation(field + ".rating_max", "must be greater than rating_min"));
        }
      }
    }
    if (!violations.isEmpty()) {
      throw DomainException.invalid("INVALID_FIELD", violations);
    }
    Survey survey = new Survey(projectId, newId(), draft.title(), draft.questions(), clock.instant());
    store.create(survey);
    return survey;
  }

  public Survey get(String projectId, String surveyId) {
    return store.find(projectId, surveyId).orElseThrow(() -> DomainException.notFound("survey"));
  }

  /**
   * Stores one response.
   *
   * @param respondent the respondent's account name, {@code projects/{project}/accounts/{id}},
   *     when the response is to be tied to them; stored only as a keyed pseudonym
   */
  public void submit(String projectId, String surveyId, List<Answer> answers, Optional<String> respondent) {
    Survey survey = get(projectId, surveyId);
    List<FieldViolation> violations = new ArrayList<>();
    List<StoredAnswer> stored = new ArrayList<>();
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < answers.size(); i++) {
      Answer answer = answers.get(i);
      String field = "answers[" + i + "]";
      Optional<Question> question = survey.question(answer.questionId());
      if (question.isEmpty()) {
        violations.add(new FieldViolation(field + ".question_id", "is not a question of the survey"));
        continue;
      }
      if (!answered.add(answer.questionId())) {
        violations.add(new FieldViolation(field + ".question_id", "is answered more than once"));
        continue;
      }
      Question q = question.get();
      if (q.kind() == QuestionKind.CHOICE) {
        int index = answer.option() == null ? -1 : q.options().indexOf(answer.option());
        if (index < 0) {
          violations.add(new FieldViolation(field + ".option", "must be one of the question's options"));
        } else {
          stored.add(new StoredAnswer(q.id(), index, null));
        }
      } else {
        if (answer.rating() == null || answer.rating() < q.ratingMin() || answer.rating() > q.ratingMax()) {
          violations.add(new FieldViolation(field + ".rating", "must be a rating between rating_min and rating_max"));
        } else {
          stored.add(new StoredAnswer(q.id(), null, answer.rating()));
        }
      }
    }
    if (respondent.isPresent() && !respondent.get().startsWith("projects/" + projectId + "/accounts/")) {
      violations.add(new FieldViolation("respondent", "must be an account of the survey's project"));
    }
    if (!violations.isEmpty()) {
      throw DomainException.invalid("INVALID_FIELD", violations);
    }
    store.addResponse(projectId, surveyId, respondent.map(pseudonyms::of),
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), stored);
  }

  /** Aggregate results: exact with suppression, or noisy (required for RESEARCH). */
  public SurveyResults results(String projectId, String surveyId, double epsilon, Purpose purpose) {
    boolean noisy = epsilon > 0;
    NoiseRequirement.check(purpose, noisy);
    Survey survey = get(projectId, surveyId);
    PrivacyBudget budget = noisy ? budgets.spend(projectId, epsilon) : budgets.today(projectId);
    SurveyTally tally = store.tally(projectId, surveyId);
    SurveyResults results = noisy ? noisy(survey, tally, epsilon, budget) : exact(survey, tally, budget);
    long suppressed = results.questions().stream().flatMap(q -> q.counts().stream())
        .filter(SurveyResults.OptionCount::suppressed).count();
    metrics.rowsSuppressed(AnalyticsMetrics.QueryKind.SURVEY, suppressed + (results.responseCountSuppressed() ? 1 : 0));
    return results;
  }

  private SurveyResults exact(Survey survey, SurveyTally tally, PrivacyBudget budget) {
    boolean tooFew = k.hides(tally.responses());
    List<SurveyResults.QuestionResult> questions = new ArrayList<>();
    for (Question q : survey.questions()) {
      List<String> labels = q.answerLabels();
      long[] counts = new long[labels.size()];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = tally.count(q.id(), valueOf(q, i));
      }
      boolean[] hidden = ComplementarySuppression.suppressed(counts, k);
      List<SurveyResults.OptionCount> options = new ArrayList<>();
      for (int i = 0; i < counts.length; i++) {
        boolean suppressed = tooFew || hidden[i];
        options.add(new SurveyResults.OptionCount(labels.get(i), suppressed, suppressed ? 0 : counts[i]));
      }
      questions.add(new SurveyResults.QuestionResult(q.id(), options));
    }
    return new SurveyResults(questions, tooFew ? 0 : tally.responses(), tooFew, k.value(), false, 0,
        budget.remainingEpsilon());
  }

  private SurveyResults noisy(Survey survey, SurveyTally tally, double epsilon, PrivacyBudget budget) {
    double perCount = epsilon / (survey.questions().size() + 1);
    long responses = noise.perturb(tally.responses(), perCount, 1);
    boolean tooFew = k.hides(responses);
    List<SurveyResults.QuestionResult> questions = new ArrayList<>();
    for (Question q : survey.questions()) {
      List<String> labels = q.answerLabels();
      List<SurveyResults.OptionCount> options = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        long count = noise.perturb(tally.count(q.id(), valueOf(q, i)), perCount, 1);
        boolean suppressed = tooFew || k.hides(count);
        options.add(new SurveyResults.OptionCount(labels.get(i), suppressed, suppressed ? 0 : count));
      }
      questions.add(new SurveyResults.QuestionResult(q.id(), options));
    }
    return new SurveyResults(questions, tooFew ? 0 : responses, tooFew, k.value(), true, epsilon, budget.remainingEpsilon());
  }

  /** The stored value of a question's i-th answer label: the option index or the rating. */
  private static int valueOf(Question q, int labelIndex) {
    return q.kind() == QuestionKind.CHOICE ? labelIndex : q.ratingMin() + labelIndex;
  }

  private String newId() {
    char[] id = new char[12];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
    }
    return new String(id);
  }
}
