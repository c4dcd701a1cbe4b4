using ActorTuner.Actors.Tuning;
using ActorTuner.Core.Studies;

namespace ActorTuner.Actors.Hosting;

/// <summary>
/// Creates the study (or resumes it from the journal) and opens it on this node. The reply is
/// <see cref="Accepted"/>, or <see cref="Rejected"/> saying why: an invalid spec, or a study of that name in the
/// journal with another direction or search space. A larger budget than the journal's extends the study.
/// </summary>
public sealed record OpenStudy(StudySpec Spec);

/// <summary>
/// Sends <paramref name="Command"/> (<see cref="RequestTrial"/>, <see cref="CompleteTrial"/>,
/// <see cref="FailTrial"/>, <see cref="ReleaseTrial"/>, <see cref="RenewLease"/>, ...) to the open study
/// <paramref name="Study"/>; the study's <see cref="StudyReply"/> goes straight back to the sender. A study that
/// is not open on this node, or a <see cref="CreateStudy"/> (use <see cref="OpenStudy"/>), gets <see cref="Rejected"/>.
/// </summary>
public sealed record ForStudy(string Study, StudyCommand Command);

/// <summary>
/// Asks the open study <paramref name="Study"/> for its state: the reply is the study's
/// <see cref="Studies.GetStudyResult"/>, or <see cref="Rejected"/> when no such study is open on this node.
/// </summary>
public sealed record GetStudyByName(string Study);
